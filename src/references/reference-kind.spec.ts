import { inferReference, ReferenceKind } from './reference-kind';

const { LORE, LKML, PATCHWORK, LWN, GITHUB, GIT_COMMIT, DOC, OTHER } = ReferenceKind;

describe('inferReference', () => {
  it.each([
    // lore: /r/<msgid> and /<list>/<msgid>
    ['https://lore.kernel.org/r/2cf00ec4-1ed6-f66e-6897-006d1a5', LORE, '2cf00ec4-1ed6-f66e-6897-006d1a5'],
    ['https://lore.kernel.org/lkml/20200710123456.1234-1-someone@example.com/', LORE, '20200710123456.1234-1-someone@example.com'],
    ['https://lore.kernel.org/linux-mm/abc%40example.com/T/#u', LORE, 'abc@example.com'],
    ['https://lore.kernel.org/lkml/', LORE, null],
    // lkml.kernel.org/r/<msgid> and lkml.org/lkml/y/m/d/n
    ['https://lkml.kernel.org/r/20200429220732.31602-1-yu-cheng.yu@intel.com', LKML, '20200429220732.31602-1-yu-cheng.yu@intel.com'],
    ['https://lkml.kernel.org/lkml/whatever', LKML, null],
    ['https://lkml.org/lkml/2020/3/20/1172', LKML, '2020/3/20/1172'],
    ['https://www.lkml.org/lkml/2020/3/20/1172', LKML, '2020/3/20/1172'],
    ['https://lkml.org/', LKML, null],
    // patchwork: cover and patch ids
    ['https://patchwork.kernel.org/cover/10610615/', PATCHWORK, '10610615'],
    ['https://patchwork.kernel.org/project/linux-mm/patch/20200701-1-x@y.z/', PATCHWORK, '20200701-1-x@y.z'],
    ['https://patchwork.ozlabs.org/patch/1234567/', PATCHWORK, '1234567'],
    ['https://patchwork.kernel.org/project/linux-mm/list/', PATCHWORK, null],
    // lwn
    ['https://lwn.net/Articles/825747/', LWN, '825747'],
    ['https://www.lwn.net/Articles/753473', LWN, '753473'],
    ['https://lwn.net/Kernel/', LWN, null],
    // github: owner/repo, .git stripped, /tree/<branch> as owner/repo@branch
    ['https://github.com/luxis1999/linux-vsva.git', GITHUB, 'luxis1999/linux-vsva'],
    ['https://github.com/kvm-riscv/howto/wiki/KVM-RISCV64-on-QEMU', GITHUB, 'kvm-riscv/howto'],
    ['https://github.com/luxis1999/linux-vsva/tree/vsva-linux-5.6-rc6', GITHUB, 'luxis1999/linux-vsva@vsva-linux-5.6-rc6'],
    ['https://github.com/riscv/riscv-isa-manual/tree/feature/x', GITHUB, 'riscv/riscv-isa-manual@feature/x'],
    ['https://github.com/torvalds', OTHER, null],
    // commits
    ['https://github.com/kvm-riscv/linux/commit/542705c835bf', GIT_COMMIT, '542705c835bf'],
    ['https://github.com/kvm-riscv/linux/commit/not-a-sha', GITHUB, 'kvm-riscv/linux'],
    [
      'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=542705c835bf0123456789abcdef0123456789ab',
      GIT_COMMIT,
      '542705c835bf0123456789abcdef0123456789ab',
    ],
    ['https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=zzz', OTHER, null],
    ['https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/tree/', OTHER, null],
    // docs
    ['https://www.kernel.org/doc/html/latest/admin-guide/kernel-parameters.html', DOC, '/doc/html/latest/admin-guide/kernel-parameters.html'],
    ['https://docs.kernel.org/filesystems/ext4/index.html', DOC, '/filesystems/ext4/index.html'],
    ['https://www.kernel.org/category/releases.html', OTHER, null],
    // anything else
    ['https://zhuanlan.zhihu.com/p/93592262', OTHER, null],
    ['https://static.sched.com/hostedfiles/kvmforum2019/d9/x.pdf', OTHER, null],
    ['https://notlore.kernel.org.example.com/r/abc', OTHER, null],
  ])('%s is %s %s', (url, kind, externalId) => {
    expect(inferReference(url)).toEqual({ kind, externalId });
  });

  it('matches host names case-insensitively', () => {
    expect(inferReference('https://LWN.net/Articles/1/')).toEqual({ kind: LWN, externalId: '1' });
  });

  it.each([null, '', 'not a url', 'lore.kernel.org/r/abc'])('returns OTHER without id for %j', (url) => {
    expect(inferReference(url)).toEqual({ kind: OTHER, externalId: null });
  });

  it('keeps what can be read from cut-off URLs', () => {
    expect(inferReference('https://lore.kernel.org/lkml/1584200119-18594-1-git-send-...')).toEqual({ kind: LORE, externalId: '1584200119-18594-1-git-send-...' });
    expect(inferReference('https://lkml.kernel.org/r/20200429220732.31602-1-yu-cheng...')).toEqual({ kind: LKML, externalId: '20200429220732.31602-1-yu-cheng...' });
    expect(inferReference('https://lore.kernel.org/lkml/1584200119-18594-1-git-send-…').kind).toBe(LORE);
  });

  it('does not throw on malformed percent-encoding', () => {
    expect(inferReference('https://lore.kernel.org/r/bad%E0%A4%A')).toEqual({ kind: LORE, externalId: 'bad%E0%A4%A' });
  });
});

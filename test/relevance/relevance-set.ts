/**
 * Search relevance set over the sample issue `content/2020-07.md` (slug 2020-07, articles 1.1–1.5, 2.1–2.6, 3.1–3.3).
 *
 * Each case says which article(s) a reader typing `query` is looking for, decided from the text of the sample,
 * never from what the engine happens to return. `within` is how deep in the ranking they must appear:
 * - `within: 1`: the first hit is the expected article (or one of them, when several are equally right);
 * - `within: 3`: every expected article is in the top 3; when more than 3 are expected (e.g. the whole
 *   虚拟化 section), the top 3 must all be among them.
 * In general: of the first `within` hits, min(`within`, expect.length) must be expected articles (see `judge`).
 */
export type ArticleNumber = '1.1' | '1.2' | '1.3' | '1.4' | '1.5' | '2.1' | '2.2' | '2.3' | '2.4' | '2.5' | '2.6' | '3.1' | '3.2' | '3.3';

export type Category =
  | 'english-term'
  | 'identifier'
  | 'commit-or-id'
  | 'person'
  | 'chinese'
  | 'mixed'
  | 'traditional'
  | 'cross-language'
  | 'typo'
  | 'fragment'
  | 'number';

export interface RelevanceCase {
  query: string;
  expect: ArticleNumber | ArticleNumber[];
  within: 1 | 3;
  category: Category;
  why: string;
}

const SECTION_1: ArticleNumber[] = ['1.1', '1.2', '1.3', '1.4', '1.5'];

export const RELEVANCE_SET: RelevanceCase[] = [
  // ── English kernel terms ────────────────────────────────────────────────────────────────────────
  { query: 'TLBI RANGE', expect: '3.1', within: 1, category: 'english-term', why: '3.1 title "add support for TLBI RANGE instructions"; nowhere else' },
  { query: 'Nitro Enclaves', expect: '1.2', within: 1, category: 'english-term', why: '1.2 title "Add support for Nitro Enclaves", tag nitro-enclaves' },
  { query: 'vhost', expect: '1.1', within: 1, category: 'english-term', why: '1.1 title "Enhance VHOST", tag vhost, a dozen mentions; no other article says vhost' },
  { query: 'fast commit', expect: '2.4', within: 1, category: 'english-term', why: '2.4 title "ext4: add fast commits feature", body 快速提交' },
  { query: 'fsinfo', expect: '2.6', within: 1, category: 'english-term', why: '2.6 is the fsinfo() series (tag fsinfo); 2.5 only mentions fsinfo() once as the way to read events' },
  { query: 'Age-Threshold', expect: '2.1', within: 1, category: 'english-term', why: '2.1 title "Support Age-Threshold based Garbage Collection for f2fs"' },
  { query: 'hypervisor extension', expect: '3.3', within: 1, category: 'english-term', why: '3.3 speaks of the RISC-V hypervisor extension three times; 1.2/1.3 only say hypervisor' },
  { query: 'ringbuffer', expect: '1.3', within: 1, category: 'english-term', why: '1.3 explains how the Hyper-V ringbuffer is handled; only article with the word' },
  { query: 'Shared Virtual Addressing', expect: '1.4', within: 1, category: 'english-term', why: '1.4 title "expose virtual Shared Virtual Addressing to VMs"' },
  { query: 'Control-flow Enforcement Technology', expect: '1.5', within: 1, category: 'english-term', why: '1.5 introduces Intel CET by its full name' },
  { query: 'temporary mappings', expect: '3.2', within: 1, category: 'english-term', why: '3.2 title "Use per-CPU temporary mappings for patching"' },
  { query: 'mount notifications', expect: '2.5', within: 1, category: 'english-term', why: '2.5 title "Mount notifications"' },
  { query: 'hugetlbfs', expect: '1.2', within: 1, category: 'english-term', why: '1.2: enclave memory is allocated through hugetlbfs; only article' },
  { query: 'jbd2', expect: '2.4', within: 1, category: 'english-term', why: '2.4: fast commits are a JBD2 feature (tag jbd2)' },
  { query: 'RISC-V', expect: '3.3', within: 1, category: 'english-term', why: '3.3 "KVM RISC-V Support" is the only article about RISC-V' },
  { query: 'KVM', expect: '3.3', within: 1, category: 'english-term', why: '3.3 is the KVM port (title, ~20 mentions); 1.2/1.5 only mention KVM in passing' },

  // ── Code identifiers with _ ( ) = - ─────────────────────────────────────────────────────────────
  { query: 'mount_setattr()', expect: '2.2', within: 1, category: 'identifier', why: '2.2 title "fs: add mount_setattr()"' },
  { query: 'HV_HYP_PAGE_SIZE', expect: '1.3', within: 1, category: 'identifier', why: '1.3 uses HV_HYP_PAGE_SIZE throughout; only article' },
  { query: 'vmbus_establish_gpadl()', expect: '1.3', within: 1, category: 'identifier', why: '1.3: gpadl types let vmbus_establish_gpadl() special-case ringbuffers' },
  { query: 'debugfs=no-mount', expect: '2.3', within: 1, category: 'identifier', why: '2.3 lists the debugfs=on/no-mount/off module parameter values' },
  { query: '-EPERM', expect: '2.3', within: 1, category: 'identifier', why: '2.3: with debugfs=off registering files returns -EPERM; only article' },
  { query: '__kvm_riscv_switch_to', expect: '3.3', within: 1, category: 'identifier', why: '3.3: the world switch is implemented in __kvm_riscv_switch_to' },
  { query: 'CONFIG_STRICT_KERNEL_RWX', expect: '3.2', within: 1, category: 'identifier', why: '3.2: patching must override CONFIG_STRICT_KERNEL_RWX protection' },
  { query: 'NE_START_ENCLAVE', expect: '1.2', within: 1, category: 'identifier', why: '1.2: the NE_START_ENCLAVE ioctl maps to the Enclave start PCI command' },
  { query: 'PAGE_SIZE=64k', expect: '1.3', within: 1, category: 'identifier', why: '1.3 was tested with PAGE_SIZE=64k and PAGE_SIZE=16k guests' },
  { query: 'hv_ring_buffer', expect: '1.3', within: 1, category: 'identifier', why: '1.3 enlarges struct hv_ring_buffer to be PAGE_SIZE aligned' },
  { query: 'move_mount', expect: '2.2', within: 1, category: 'identifier', why: '2.2 code sample of the new mount API ends with move_mount(mfd, …)' },
  { query: 'namespace_sem', expect: '2.5', within: 1, category: 'identifier', why: '2.5: reading /proc/mount holds the namespace_sem lock' },
  { query: '/proc/mount', expect: '2.5', within: 1, category: 'identifier', why: '2.5: walking /proc/mount to spot changes is what notifications replace' },

  // ── Commit ids, prefixes and reference ids ──────────────────────────────────────────────────────
  { query: '542705c835bf', expect: '3.3', within: 1, category: 'commit-or-id', why: '3.3 cites Commit 542705c835bf "RISC-V: KVM: Implement VCPU world-switch"' },
  { query: '542705c', expect: '3.3', within: 1, category: 'commit-or-id', why: 'short prefix of the commit cited by 3.3' },
  { query: '2cf00ec4', expect: '1.1', within: 1, category: 'commit-or-id', why: 'prefix of the lore message id 1.1 links to as its original discussion' },
  { query: '825747', expect: '3.1', within: 1, category: 'commit-or-id', why: 'LWN article 825747 is the TLBI RANGE patch address in 3.1' },
  { query: '826980', expect: '2.6', within: 1, category: 'commit-or-id', why: 'LWN article 826980 is the fsinfo commit log linked from 2.6' },

  // ── People, full and partial names ──────────────────────────────────────────────────────────────
  { query: 'Boqun Feng', expect: '1.3', within: 1, category: 'person', why: 'author of 1.3' },
  { query: 'Boqun', expect: '1.3', within: 1, category: 'person', why: 'given name of the author of 1.3' },
  { query: 'Kishon', expect: '1.1', within: 1, category: 'person', why: 'Kishon Vijay Abraham I wrote 1.1' },
  { query: 'Andra Paraschiv', expect: '1.2', within: 1, category: 'person', why: 'author of 1.2' },
  { query: 'Paraschiv', expect: '1.2', within: 1, category: 'person', why: 'family name of the author of 1.2' },
  { query: 'Liu Yi L', expect: '1.4', within: 1, category: 'person', why: 'author of 1.4; the trailing single-letter "L" is part of the name' },
  { query: 'Zhenyu Ye', expect: '3.1', within: 1, category: 'person', why: 'author of 3.1, also named in its body' },
  { query: 'Yang Weijiang', expect: '1.5', within: 1, category: 'person', why: 'author of 1.5' },
  { query: 'Weijiang', expect: '1.5', within: 1, category: 'person', why: 'given name of the author of 1.5' },
  { query: 'Christopher', expect: '3.2', within: 1, category: 'person', why: '3.2: Christopher built on the x86 "temporary mm" work' },

  // ── Chinese words and phrases ───────────────────────────────────────────────────────────────────
  { query: '"影子栈"', expect: '1.5', within: 1, category: 'chinese', why: 'quoted phrase; 1.5: 影子栈(Shadow Stack,SHSTK) is one of the two CET features' },
  { query: '垃圾回收', expect: '2.1', within: 1, category: 'chinese', why: '2.1: F2FS 新的垃圾回收算法 ATGC' },
  { query: '挂载', expect: ['2.2', '2.5'], within: 3, category: 'chinese', why: '2.2 (new mount API, 13×) and 2.5 (mount notifications, 6×) are about mounting; 2.6/2.3 only mention it' },
  { query: '日志的快速提交', expect: '2.4', within: 1, category: 'chinese', why: '2.4 asks "日志的快速提交是一个怎么样的逻辑?"' },
  { query: '快速提交', expect: '2.4', within: 1, category: 'chinese', why: '2.4: JBD2 日志系统 的快速提交功能' },
  { query: '敏感信息', expect: '2.3', within: 1, category: 'chinese', why: '2.3: debugfs 也包含一些敏感信息 (1.2 says 敏感数据, a weaker match)' },
  { query: '年龄阈值', expect: '2.1', within: 1, category: 'chinese', why: '2.1: 基于年龄阈值的回收算法' },
  { query: '双重映射', expect: '1.3', within: 1, category: 'chinese', why: '1.3: the “双重映射” trick maps the ring data twice' },
  { query: '心跳', expect: '1.2', within: 1, category: 'chinese', why: '1.2: the enclave init sends 心跳数据 (0xb7) on port 9000' },
  { query: '上下文切换', expect: '3.3', within: 1, category: 'chinese', why: '3.3: KVM RISC-V 已经支持最小的上下文切换' },
  { query: '两级地址转换', expect: '1.4', within: 1, category: 'chinese', why: '1.4: vSVA relies on the IOMMU 两级地址转换' },
  { query: '冷热数据', expect: '2.1', within: 1, category: 'chinese', why: '2.1: old GC may mix 冷热数据 again' },
  { query: '系统调用', expect: ['2.2', '2.5', '2.6'], within: 3, category: 'chinese', why: 'each of 2.2, 2.5, 2.6 is about a new 系统调用 (mount_setattr, fsinfo); no other article' },

  // ── Mixed Chinese/English, with and without spaces ──────────────────────────────────────────────
  { query: 'ext4快速提交', expect: '2.4', within: 1, category: 'mixed', why: '2.4: ext4 fast commits (快速提交)' },
  { query: 'ext4 快速提交', expect: '2.4', within: 1, category: 'mixed', why: 'same, with a space' },
  { query: 'debugfs 敏感信息', expect: '2.3', within: 1, category: 'mixed', why: '2.3: debugfs 也包含一些敏感信息' },
  { query: 'debugfs敏感信息', expect: '2.3', within: 1, category: 'mixed', why: 'same, without a space' },
  { query: 'f2fs垃圾回收', expect: '2.1', within: 1, category: 'mixed', why: '2.1: F2FS 文件系统 的 垃圾回收算法' },
  { query: 'Hyper-V 页面大小', expect: '1.3', within: 1, category: 'mixed', why: '1.3: Hyper-V 一直采用4K作为它的页面大小' },
  { query: 'KVM上下文切换', expect: '3.3', within: 1, category: 'mixed', why: '3.3: KVM RISC-V … 最小的上下文切换' },
  { query: 'vhost客户端驱动', expect: '1.1', within: 1, category: 'mixed', why: '1.1: 在rpmsg中添加居于vhost的客户端驱动' },

  // ── Traditional Chinese and Taiwan vocabulary ───────────────────────────────────────────────────
  { query: '虛擬機', expect: '1.2', within: 3, category: 'traditional', why: '虚拟机: 1.2 is about enclave VMs (34×); 1.3 (7×), 1.4 (5×, "to VMs" in its title) have a fair claim to rank with it' },
  { query: '記憶體', expect: '1.2', within: 1, category: 'traditional', why: 'Taiwan 記憶體 = 内存: 1.2 (enclave memory, 7×); 1.4 has it once' },
  { query: '檔案系統', expect: '2.6', within: 1, category: 'traditional', why: 'Taiwan 檔案系統 = 文件系统: 2.6 "VFS: Filesystem information" (5×)' },
  { query: '掛載點', expect: '2.6', within: 1, category: 'traditional', why: '挂载点: 2.6 lists 挂载点路径 among the VFS information' },
  { query: '影子棧', expect: '1.5', within: 1, category: 'traditional', why: '影子栈 in Traditional characters: 1.5' },
  { query: '虛擬化', expect: SECTION_1, within: 3, category: 'traditional', why: '虚拟化 is the title of section 1' },
  { query: '軟體層次結構', expect: '1.1', within: 1, category: 'traditional', why: 'Taiwan 軟體 = 软件: 1.1 describes the 软件层次结构' },
  { query: '位址空間', expect: ['1.3', '1.4'], within: 3, category: 'traditional', why: 'Taiwan 位址 = 地址: 地址空间 in 1.4 (共享地址空间 2×) and 1.3 (虚拟地址空间)' },

  // ── English finds Chinese and the reverse ───────────────────────────────────────────────────────
  { query: 'garbage collection', expect: '2.1', within: 1, category: 'cross-language', why: '2.1 垃圾回收 (and its title)' },
  { query: 'shadow stack', expect: '1.5', within: 1, category: 'cross-language', why: '1.5 影子栈(Shadow Stack)' },
  { query: '虚拟化', expect: SECTION_1, within: 3, category: 'cross-language', why: 'section 1 is 虚拟化; 3.1 and 3.3 only mention 虚拟化 once in passing' },
  { query: 'virtualization', expect: SECTION_1, within: 3, category: 'cross-language', why: 'English for 虚拟化, the section 1 title' },
  { query: '内存', expect: '1.2', within: 1, category: 'cross-language', why: '1.2 talks about enclave memory 7×; 1.4 once' },
  { query: 'memory', expect: '1.2', within: 3, category: 'cross-language', why: 'English for 内存: 1.2 (enclave memory, 7×); 1.4 literally says Shared Virtual Memory once, so top 3 is fair' },
  { query: 'mount', expect: ['2.2', '2.5'], within: 3, category: 'cross-language', why: '2.2 and 2.5 are the mount articles (tags mount)' },
  { query: 'superblock', expect: '2.6', within: 1, category: 'cross-language', why: '超级块: 2.6 returns 文件系统超级块属性 (2×) and Superblock-level timestamps; 2.2/2.4 once' },
  { query: 'system call', expect: ['2.2', '2.5', '2.6'], within: 3, category: 'cross-language', why: '系统调用: the new syscalls of 2.2, 2.5 and 2.6' },
  { query: 'page size', expect: '1.3', within: 1, category: 'cross-language', why: '1.3 页面大小 (Hyper-V: Support PAGE_SIZE larger than 4K)' },
  { query: 'heartbeat', expect: '1.2', within: 1, category: 'cross-language', why: '1.2: 心跳数据 on port 9000' },
  { query: 'context switch', expect: '3.3', within: 1, category: 'cross-language', why: '3.3: 上下文切换 (and world switch)' },
  { query: 'register', expect: '3.3', within: 1, category: 'cross-language', why: '3.3: 寄存器 (GPR, CSR: Control and Status Register)' },
  { query: 'nested virtualization', expect: '1.5', within: 1, category: 'cross-language', why: '1.5: KVM CET support covers 嵌套虚拟化' },
  { query: 'filesystem', expect: '2.6', within: 1, category: 'cross-language', why: '2.6 title "VFS: Filesystem information", body 文件系统 5×' },
  { query: 'sensitive information', expect: '2.3', within: 1, category: 'cross-language', why: '2.3: debugfs 也包含一些敏感信息' },
  { query: 'metadata', expect: '2.4', within: 1, category: 'cross-language', why: '2.4: 脏元数据 / 元数据 4×; 1.2 mentions EIF 元数据 once' },
  { query: 'page table', expect: '1.4', within: 1, category: 'cross-language', why: '1.4: vfio 支持虚拟机页表的绑定请求; only article with 页表' },
  { query: 'journal', expect: '2.4', within: 1, category: 'cross-language', why: '日志: 2.4 is about the JBD2 journal' },
  { query: '影子栈', expect: '1.5', within: 1, category: 'cross-language', why: '1.5 (also finds the English Shadow Stack)' },

  // ── Typos ───────────────────────────────────────────────────────────────────────────────────────
  { query: 'TLIB', expect: '3.1', within: 1, category: 'typo', why: 'TLBI with two letters swapped (4-letter acronym, one typo)' },
  { query: 'TLIB RANGE', expect: '3.1', within: 1, category: 'typo', why: 'TLBI RANGE with a transposition' },
  { query: 'vhots', expect: '1.1', within: 1, category: 'typo', why: 'vhost with a transposition' },
  { query: 'Nitor Enclaves', expect: '1.2', within: 1, category: 'typo', why: 'Nitro with a transposition' },
  { query: 'paraschiv', expect: '1.2', within: 1, category: 'typo', why: 'lowercase author name of 1.2' },
  { query: 'garbge collection', expect: '2.1', within: 1, category: 'typo', why: 'garbage with a letter missing' },
  { query: 'fsinof', expect: '2.6', within: 1, category: 'typo', why: 'fsinfo with a transposition' },
  { query: 'debgfs', expect: '2.3', within: 1, category: 'typo', why: 'debugfs with a letter missing' },
  { query: 'enclvae', expect: '1.2', within: 1, category: 'typo', why: 'enclave with a transposition' },
  { query: 'JDB2', expect: '2.4', within: 1, category: 'typo', why: 'JBD2 (4 characters) with two letters swapped: 2.4 fast commits for the JBD2 journal' },
  { query: 'VIFO', expect: '1.4', within: 1, category: 'typo', why: 'VFIO (4-letter acronym) with two letters swapped: 1.4 "vfio: expose … SVA to VMs"' },
  { query: 'TBLI', expect: '3.1', within: 1, category: 'typo', why: "the source's own misspelling: 3.1 opens with \"TBLI RANGE是armv8.4扩展\"" },
  { query: 'TBLI RANGE', expect: '3.1', within: 1, category: 'typo', why: "the source's misspelling as a phrase" },

  // ── Mid-word fragments ──────────────────────────────────────────────────────────────────────────
  { query: '拟机', expect: ['1.2', '1.3', '1.4', '1.5'], within: 1, category: 'fragment', why: 'inside 虚拟机: the first hit must be a VM article (1.2 enclave VMs, 1.3/1.5 guests, 1.4 "to VMs"); 1.1 and sections 2–3 never say 虚拟机' },
  { query: '拟机', expect: '1.2', within: 3, category: 'fragment', why: 'inside 虚拟机: 1.2, with 34 mentions, must be among the first three' },
  { query: '载点路径', expect: '2.6', within: 1, category: 'fragment', why: 'inside 挂载点路径, listed only by 2.6' },
  { query: '寄存器', expect: '3.3', within: 1, category: 'fragment', why: '3.3: 通用寄存器(GPR) and Hypervisor 相关的寄存器; 1.2 says 存储器, not 寄存器' },
  { query: '层次结', expect: '1.1', within: 1, category: 'fragment', why: 'inside 软件层次结构, only in 1.1' },
  { query: '制流强', expect: '1.5', within: 1, category: 'fragment', why: 'inside 控制流强制技术, only in 1.5' },
  { query: '阈值', expect: '2.1', within: 1, category: 'fragment', why: '2.1: 年龄阈值; only article' },

  // ── Numbers in Chinese text ─────────────────────────────────────────────────────────────────────
  { query: '162次', expect: '2.1', within: 1, category: 'number', why: '2.1: GC 的次数从162次下降到了75次' },
  { query: '34.4%', expect: '2.4', within: 1, category: 'number', why: '2.4: 性能提升34.4%至192.2%' },
  { query: '192.2%', expect: '2.4', within: 1, category: 'number', why: '2.4: 性能提升34.4%至192.2%' },
  { query: '64 MiB', expect: '1.2', within: 1, category: 'number', why: '1.2: Enclave需要至少64 MiB的内存' },
  { query: '64MiB', expect: '1.2', within: 1, category: 'number', why: 'the 64 MiB of 1.2 typed without a space' },
  { query: '8MiB', expect: '1.2', within: 1, category: 'number', why: '1.2: EIF is loaded at the first 8MiB offset' },
  { query: '8 MiB', expect: '1.2', within: 1, category: 'number', why: 'the 8MiB of 1.2 typed with a space' },
  { query: '75次', expect: '2.1', within: 1, category: 'number', why: '2.1: GC 的次数…下降到了75次' },
  { query: '9000', expect: '1.2', within: 1, category: 'number', why: '1.2: heartbeat sent on port (9000)' },
  { query: '41454', expect: '2.1', within: 1, category: 'number', why: '2.1: 移动的块从41454个下降到了12813个' },
  { query: '10倍', expect: '3.1', within: 1, category: 'number', why: '3.1: 性能有10倍提升' },
  { query: '256', expect: '3.1', within: 1, category: 'number', why: '3.1: 当page数量是256时' },
  { query: '11个patch', expect: '1.3', within: 1, category: 'number', why: '1.3: 该系列由以下11个patch组成' },
  { query: 'armv8.4', expect: '3.1', within: 1, category: 'number', why: '3.1: TBLI RANGE是armv8.4扩展' },
];

export const expectedOf = (c: RelevanceCase): ArticleNumber[] => (Array.isArray(c.expect) ? c.expect : [c.expect]);

/** Whether the ranking `numbers` (article numbers, best first) satisfies the case at depth `within`. */
export function judge(c: RelevanceCase, numbers: string[], within: number = c.within): boolean {
  const expected = expectedOf(c) as string[];
  const top = numbers.slice(0, within);
  return top.filter((n) => expected.includes(n)).length === Math.min(within, expected.length);
}

import type { LookupAddress } from 'node:dns';
import { classifyAddress, guardedLookup, hostProblem, literalProblem, resolvedProblem } from './webhook-target';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['100.100.100.200', 'shared'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fd00:ec2::254', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::FFFF:169.254.169.254', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:c0a8:0101::1', 'private'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b:1::1', 'reserved'],
  ])('%s is %s', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '169.253.255.255', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2002:0808:0808::1', '2400:cb00::1'])(
    '%s is public',
    (ip) => expect(classifyAddress(ip)).toBe('public'),
  );

  it('is null for anything that is not an IP literal', () => {
    for (const s of ['example.com', 'localhost', '', '1.2.3', '::ffff:1.2.3.4.5', '[::1]']) expect(classifyAddress(s)).toBeNull();
  });
});

describe('hostProblem', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['[::1]', /loopback/],
    ['[::ffff:7f00:1]', /loopback/],
    ['169.254.169.254', /link-local/],
    ['10.0.0.8', /private/],
    ['[fe80::1]', /link-local/],
    ['metadata.google.internal', /metadata/],
    ['Metadata.Google.Internal.', /metadata/],
    ['localhost', /loopback/],
    ['api.localhost', /loopback/],
  ])('rejects %s', (host, why) => {
    expect(hostProblem(host)).toMatch(why);
  });

  it.each(['example.com', 'hooks.slack.com', '93.184.216.34', '[2606:4700:4700::1111]', 'localhost.example.com'])('accepts %s', (host) => {
    expect(hostProblem(host)).toBeNull();
  });
});

describe('literalProblem (the delivery-time check of hosts that are IP literals)', () => {
  it('judges IP literals only; names are left to the resolved-address check', () => {
    expect(literalProblem('[::1]')).toBe('::1 is a loopback address');
    expect(literalProblem('169.254.169.254')).toBe('169.254.169.254 is a link-local address');
    expect(literalProblem('93.184.216.34')).toBeNull();
    expect(literalProblem('localhost')).toBeNull();
  });
});

describe('resolvedProblem and guardedLookup (the delivery-time check against DNS rebinding)', () => {
  const v4 = (address: string): LookupAddress => ({ address, family: 4 });
  const v6 = (address: string): LookupAddress => ({ address, family: 6 });

  it('rejects a name when any of its addresses is not public, and when it has none', () => {
    expect(resolvedProblem('a.example', [v4('93.184.216.34'), v6('2606:2800:220:1::1')])).toBeNull();
    expect(resolvedProblem('a.example', [v4('93.184.216.34'), v4('10.0.0.5')])).toBe('a.example resolves to 10.0.0.5 (private)');
    expect(resolvedProblem('a.example', [v6('::1')])).toBe('a.example resolves to ::1 (loopback)');
    expect(resolvedProblem('a.example', [])).toMatch(/no address/);
  });

  function lookupWith(addresses: LookupAddress[], options: { all?: boolean; family?: number }) {
    return new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
      guardedLookup(async () => addresses)('rebind.example', options, (err, address, family) => resolve({ err, address, family })),
    );
  }

  it('answers the connection with the checked addresses, in the shape net asks for', async () => {
    const public4 = v4('93.184.216.34');
    const public6 = v6('2606:2800:220:1::1');
    expect(await lookupWith([public4, public6], { all: true })).toMatchObject({ err: null, address: [public4, public6] });
    expect(await lookupWith([public6, public4], { family: 4 })).toMatchObject({ err: null, address: public4.address, family: 4 });
  });

  it('fails the connection when the name now resolves to a private address', async () => {
    const { err } = await lookupWith([v4('169.254.169.254')], { all: true });
    expect(err).toMatchObject({ name: 'BlockedTargetError', message: 'rebind.example resolves to 169.254.169.254 (link-local)' });
  });

  it('passes DNS errors through', async () => {
    const failure = Object.assign(new Error('getaddrinfo ENOTFOUND nope.example'), { code: 'ENOTFOUND' });
    const err = await new Promise((resolve) => guardedLookup(() => Promise.reject(failure))('nope.example', {}, (e) => resolve(e)));
    expect(err).toBe(failure);
  });
});

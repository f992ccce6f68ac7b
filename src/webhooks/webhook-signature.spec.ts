import { signatureHeader } from './webhook-signature';

describe('signatureHeader', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    // Expected value computed outside Node: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec-0123456789abcdef'
    expect(signatureHeader('whsec-0123456789abcdef', '{"a":1}', 1700000000)).toBe('t=1700000000,v1=d77c78ac4da074c56908b55eac30358b2a7bfc573be4c76819af5102e8dcf939');
  });

  it('changes with the timestamp, the body and the secret', () => {
    const base = signatureHeader('whsec-0123456789abcdef', '{"a":1}', 1700000000).split('v1=')[1];
    expect(signatureHeader('whsec-0123456789abcdef', '{"a":1}', 1700000001).split('v1=')[1]).not.toBe(base);
    expect(signatureHeader('whsec-0123456789abcdef', '{"a":2}', 1700000000).split('v1=')[1]).not.toBe(base);
    expect(signatureHeader('whsec-0123456789abcdeF', '{"a":1}', 1700000000).split('v1=')[1]).not.toBe(base);
  });
});

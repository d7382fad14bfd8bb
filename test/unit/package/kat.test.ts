/**
 * The known answers of issue 5, through the public surface of main/crypto that the package code
 * uses (SpkiPublicKey, sm2Verify with an explicit signer ID, the digest hasher of the manifests).
 */
import { describe, expect, it } from 'vitest';
import { createDigestHasher, DEFAULT_SM2_USER_ID, sm2Verify, sm3Hex, SpkiPublicKey } from '../../../main/crypto/index';

const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('issue 5 known answers', () => {
  it('SM3("abc") and SM3(""), by both SM3 implementations the package code uses', async () => {
    const h = await createDigestHasher();
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(h.sm3(utf8('abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('')).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    expect(h.sm3(new Uint8Array(0))).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    expect(h.digest(utf8('abc')).sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  describe('SM2 with signer ID 1234567812345678: public key, "hi chappy", DER signature', () => {
    const key = SpkiPublicKey.fromPoint(
      hex('04D03D30DD01CA3422AEACCF9B88043B554659D3092B0A9E8CCE3E8C4530A98CB79D705E6213EEE145B748E36E274E5F101DC10D7BBC9DAB9A04022E73B76E02CD'),
    );
    const sig = hex('30440220217204B0720FB302F903F9E297E62D655BA74FD3A35E5EF52D8BB82FEADF225F02203042C40940D9E5F9A9DAB048DCF3DC2D3BE441BCC762B75209182DCE575D3B10');

    it('verifies (with the ID given explicitly, and as the default)', () => {
      expect(DEFAULT_SM2_USER_ID).toBe('1234567812345678');
      expect(sm2Verify(utf8('hi chappy'), sig, key, { userId: '1234567812345678' })).toBe(true);
      expect(sm2Verify(utf8('hi chappy'), sig, key)).toBe(true);
    });

    it('fails with any other ID', () => {
      for (const userId of ['1234567812345679', '123456781234567', 'sm2test@example.com', 'ALICE123@YAHOO.COM', '12345678123456781']) {
        expect(sm2Verify(utf8('hi chappy'), sig, key, { userId }), userId).toBe(false);
      }
    });

    it('fails with any other message', () => {
      for (const m of ['hi chappy!', 'Hi chappy', 'hi chapp', 'hi chappy\n', '']) {
        expect(sm2Verify(utf8(m), sig, key, { userId: '1234567812345678' }), JSON.stringify(m)).toBe(false);
      }
    });

    it('fails with the signature altered in any byte of r or s', () => {
      for (const i of [5, 20, 37, 41, 60, 69]) {
        const bad = Uint8Array.from(sig);
        bad[i]! ^= 0x01;
        expect(sm2Verify(utf8('hi chappy'), bad, key), `byte ${i}`).toBe(false);
      }
    });
  });
});

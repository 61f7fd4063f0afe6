package dev.brownout.core.replay;

import dev.brownout.core.ports.DataKeys;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps a client's credential unreadable while its write waits in a queue (envelope encryption):
 * AES-256-GCM under a data key that is generated once per instance, the encrypted data key stored
 * with the ciphertext. Opening asks the key service to decrypt the data key, and keeps a bounded
 * number of decrypted keys by their encrypted form, so replaying a backlog costs one key-service
 * call per instance that sealed it. The sealed bytes are bound to the write they came with: a
 * credential moved onto another message does not open.
 */
public final class CredentialSeal {
  /** The forwarded headers that carry a client's credential. */
  public static final Set<String> HEADERS = Set.of("authorization");

  /**
   * Query parameters that carry a credential (RFC 6750's {@code access_token}, API keys, AWS
   * presigned-URL signatures), lower-case. The query is part of the queued URL and of the write's
   * fingerprint, in clear: a write that has one is not queued.
   */
  public static final Set<String> QUERY_PARAMETERS =
      Set.of(
          "access_token",
          "id_token",
          "api_key",
          "apikey",
          "x-amz-credential",
          "x-amz-security-token",
          "x-amz-signature");

  /** Decrypted data keys kept: one per instance of the sealing function that wrote the backlog. */
  public static final int OPEN_KEYS_KEPT = 64;

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * @param encryptedKey the data key, encrypted by the key service
   * @param nonce the GCM nonce, random per seal
   * @param ciphertext the credential, encrypted with its GCM tag
   */
  public record Sealed(byte[] encryptedKey, byte[] nonce, byte[] ciphertext) {}

  private final DataKeys keys;
  private DataKeys.DataKey sealingKey;
  private final Map<String, byte[]> openKeys =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
          return size() > OPEN_KEYS_KEPT;
        }
      };

  public CredentialSeal(DataKeys keys) {
    this.keys = keys;
  }

  /**
   * @param boundTo what the seal belongs to (the write's fingerprint): opening needs the same
   */
  public Sealed seal(byte[] credential, byte[] boundTo) throws DataKeys.KeyFailure {
    DataKeys.DataKey key = sealingKey();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return new Sealed(
        key.encrypted(),
        nonce,
        crypt(Cipher.ENCRYPT_MODE, key.plaintext(), nonce, boundTo, credential));
  }

  /**
   * @throws IllegalArgumentException if the seal was altered, or belongs to another write
   * @throws DataKeys.KeyFailure if the key service cannot decrypt the data key now
   */
  public byte[] open(Sealed sealed, byte[] boundTo) throws DataKeys.KeyFailure {
    return crypt(
        Cipher.DECRYPT_MODE,
        openKey(sealed.encryptedKey()),
        sealed.nonce(),
        boundTo,
        sealed.ciphertext());
  }

  /**
   * Generated at the first seal, not at init: environments that SnapStart restores from one
   * snapshot each get their own data key.
   */
  private synchronized DataKeys.DataKey sealingKey() throws DataKeys.KeyFailure {
    if (sealingKey == null) {
      sealingKey = keys.generate();
    }
    return sealingKey;
  }

  private byte[] openKey(byte[] encrypted) throws DataKeys.KeyFailure {
    String id = HexFormat.of().formatHex(encrypted);
    synchronized (openKeys) {
      byte[] key = openKeys.get(id);
      if (key != null) {
        return key;
      }
    }
    byte[] key = keys.decrypt(encrypted);
    synchronized (openKeys) {
      openKeys.put(id, key);
    }
    return key;
  }

  private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] boundTo, byte[] input) {
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException(
          "the sealed credential has a nonce of " + nonce.length + " bytes, not " + NONCE_BYTES);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(boundTo);
      return cipher.doFinal(input);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalArgumentException(
          "the sealed credential does not open: it was altered or belongs to another write", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM with a 256-bit key is in every JVM: " + e, e);
    }
  }
}

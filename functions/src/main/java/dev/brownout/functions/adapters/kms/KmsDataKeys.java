package dev.brownout.functions.adapters.kms;

import dev.brownout.core.ports.DataKeys;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Data keys of one KMS key: {@code GenerateDataKey} (AES-256) and {@code Decrypt}, always naming
 * the key, so a blob of another key is refused rather than decrypted with it.
 *
 * <p>Failure behaviour: a blob KMS cannot decrypt under this key ({@code
 * InvalidCiphertextException}, {@code IncorrectKeyException}) is an {@link
 * IllegalArgumentException}; anything else KMS or the network says (throttling, a disabled key, no
 * permission, a timeout) is a {@link KeyFailure}, which may pass.
 */
public final class KmsDataKeys implements DataKeys {
  private final KmsClient kms;
  private final String keyId;

  /**
   * @param keyId the key's id, ARN or alias
   */
  public KmsDataKeys(KmsClient kms, String keyId) {
    this.kms = kms;
    this.keyId = keyId;
  }

  @Override
  public DataKey generate() throws KeyFailure {
    try {
      var key = kms.generateDataKey(g -> g.keyId(keyId).keySpec(DataKeySpec.AES_256));
      return new DataKey(key.plaintext().asByteArray(), key.ciphertextBlob().asByteArray());
    } catch (SdkException e) {
      throw new KeyFailure("KMS gave no data key of " + keyId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] decrypt(byte[] encrypted) throws KeyFailure {
    try {
      return kms.decrypt(d -> d.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(encrypted)))
          .plaintext()
          .asByteArray();
    } catch (InvalidCiphertextException | IncorrectKeyException e) {
      throw new IllegalArgumentException(
          "the sealed credential's data key is not one of " + keyId + ": " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new KeyFailure("KMS did not decrypt the data key: " + e.getMessage(), e);
    }
  }
}

package dev.brownout.functions.adapters.ssm;

import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/** Every parameter under a path, fresh from SSM, by name relative to the path. */
public final class SsmParameters {
  private SsmParameters() {}

  /**
   * Powertools' {@code getMultiple} (GetParametersByPath, all pages) through a provider with an
   * empty cache: callers keep the values themselves, and must see SSM as it is now.
   */
  public static Map<String, String> under(SsmClient ssm, String path) {
    return SSMProvider.builder()
        .withClient(ssm)
        .withCacheManager(new CacheManager())
        .build()
        .recursive()
        .getMultiple(path);
  }
}

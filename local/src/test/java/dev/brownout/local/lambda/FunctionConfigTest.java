package dev.brownout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionConfigTest {

  @ParameterizedTest(name = "{0} names {1}")
  @CsvSource({
    "shop-api, shop-api",
    "shop-api:live, shop-api",
    "123456789012:function:shop-api, shop-api",
    "123456789012:function:shop-api:7, shop-api",
    "arn:aws:lambda:us-east-1:123456789012:function:shop-api, shop-api",
    "arn:aws:lambda:us-east-1:123456789012:function:shop-api:$LATEST, shop-api",
    "arn:aws:lambda:us-east-1:123456789012:function:shop-api:live, shop-api"
  })
  void everyFormLambdaAcceptsNamesTheUnqualifiedFunction(String given, String name) {
    assertThat(FunctionConfig.nameOf(given)).isEqualTo(name);
  }
}

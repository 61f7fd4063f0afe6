package dev.brownout.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EdgeRoutesTest {

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRequestNamesItsTableByTableName() {
    assertThat(EdgeRoutes.tablesNamed(json("{\"TableName\":\"shop-products\"}")))
        .containsExactly("shop-products");
  }

  @Test
  void batchRequestsNameEveryTableOfTheirRequestItems() {
    assertThat(
            EdgeRoutes.tablesNamed(
                json("{\"RequestItems\":{\"shop-products\":{},\"shop-orders\":{}}}")))
        .containsExactly("shop-products", "shop-orders");
  }

  @Test
  void transactionsNameTheTableOfEachOperation() {
    assertThat(
            EdgeRoutes.tablesNamed(
                json(
                    "{\"TransactItems\":[{\"Put\":{\"TableName\":\"a\"}},"
                        + "{\"ConditionCheck\":{\"TableName\":\"b\"}}]}")))
        .containsExactly("a", "b");
  }

  @Test
  void aBodyThatIsNotJsonNamesNoTableAndIsLeftToMoto() {
    assertThat(EdgeRoutes.tablesNamed(json("not json"))).isEmpty();
    assertThat(EdgeRoutes.tablesNamed(new byte[0])).isEmpty();
    assertThat(EdgeRoutes.tablesNamed(json("{\"TableName\":42}"))).isEmpty();
  }
}

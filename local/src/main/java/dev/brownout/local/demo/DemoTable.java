package dev.brownout.local.demo;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The demo's DynamoDB table: created if missing (key {@code id}, a string; on demand) and seeded
 * with the shop's products, as often as wanted with the same result.
 */
final class DemoTable {
  static final String KEY = "id";

  private DemoTable() {}

  /**
   * Creates the table if it is missing, waits until it is ACTIVE and writes the shop's products
   * into it (overwriting earlier copies). A table that exists with another key is left as it is.
   *
   * @return what was done, for the console
   * @throws software.amazon.awssdk.core.exception.SdkException if DynamoDB cannot be reached or
   *     refuses
   */
  static String ensure(DynamoDbClient dynamo, String table) {
    boolean created = false;
    TableDescription description;
    try {
      description = dynamo.describeTable(b -> b.tableName(table)).table();
      if (description.tableStatus() != TableStatus.ACTIVE) {
        description = awaitActive(dynamo, table);
      }
    } catch (ResourceNotFoundException e) {
      try {
        dynamo.createTable(
            b ->
                b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                        AttributeDefinition.builder()
                            .attributeName(KEY)
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(
                        KeySchemaElement.builder()
                            .attributeName(KEY)
                            .keyType(KeyType.HASH)
                            .build()));
        created = true;
      } catch (ResourceInUseException raced) {
        // Created meanwhile by someone else: use it as it is.
      }
      description = awaitActive(dynamo, table);
    }
    List<KeySchemaElement> key = description.keySchema();
    boolean ours =
        key.size() == 1
            && key.get(0).attributeName().equals(KEY)
            && description.attributeDefinitions().stream()
                .anyMatch(
                    a ->
                        a.attributeName().equals(KEY)
                            && a.attributeType() == ScalarAttributeType.S);
    if (!ours) {
      return "table "
          + table
          + " already exists with another key: left as it is, without the demo's products";
    }
    for (Shop.Product p : Shop.PRODUCTS) {
      dynamo.putItem(b -> b.tableName(table).item(item(p)));
    }
    return "table "
        + table
        + (created ? " created" : " already there")
        + ", with the "
        + Shop.PRODUCTS.size()
        + " demo products";
  }

  private static TableDescription awaitActive(DynamoDbClient dynamo, String table) {
    return dynamo
        .waiter()
        .waitUntilTableExists(b -> b.tableName(table))
        .matched()
        .response()
        .orElseThrow(() -> new IllegalStateException("table " + table + " never became ACTIVE"))
        .table();
  }

  static Map<String, AttributeValue> item(Shop.Product p) {
    return Map.of(
        KEY,
        AttributeValue.fromS(p.id()),
        "name",
        AttributeValue.fromS(p.name()),
        "description",
        AttributeValue.fromS(p.description()),
        "price",
        AttributeValue.fromN(p.price().toPlainString()),
        "currency",
        AttributeValue.fromS(p.currency()),
        "category",
        AttributeValue.fromS(p.category()),
        "stock",
        AttributeValue.fromN(Integer.toString(p.stock())));
  }
}

package dev.brownout.functions.testing;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The status table as the CDK stack creates it (pk, sk), in moto, and ways to read it back. */
public record StatusTable(DynamoDbClient dynamoDb, String name) {

  public static StatusTable create(DynamoDbClient dynamoDb, String name) {
    dynamoDb.createTable(
        t ->
            t.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("sk").attributeType(ScalarAttributeType.S)));
    return new StatusTable(dynamoDb, name);
  }

  public Map<String, AttributeValue> status(String dependency) {
    return dynamoDb
        .getItem(
            g ->
                g.tableName(name)
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "pk",
                            AttributeValue.fromS("STATUS"),
                            "sk",
                            AttributeValue.fromS(dependency))))
        .item();
  }

  public List<Map<String, AttributeValue>> history(String dependency) {
    return dynamoDb
        .query(
            q ->
                q.tableName(name)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(
                        Map.of(":pk", AttributeValue.fromS("HISTORY#" + dependency))))
        .items();
  }

  public void put(Map<String, AttributeValue> item) {
    dynamoDb.putItem(p -> p.tableName(name).item(item));
  }
}

package dev.brownout.infra.internal;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The two tables: status (dependency statuses, check history, the level record and audit, the
 * replay ledger; keys {@code pk}, {@code sk}) and the response cache (key {@code pk}). On-demand,
 * encrypted, point-in-time recovery, TTL on {@code ttl}. {@code Table}, not {@code TableV2}: the
 * global-table resource TableV2 makes is not deployable into moto.
 */
public final class Storage extends Construct {
  private final Table status;
  private final Table cache;

  public Storage(Construct scope, String id) {
    super(scope, id);
    status =
        Table.Builder.create(this, "Status")
            .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
            .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .encryption(TableEncryption.AWS_MANAGED)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .timeToLiveAttribute("ttl")
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    cache =
        Table.Builder.create(this, "Cache")
            .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .encryption(TableEncryption.AWS_MANAGED)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .timeToLiveAttribute("ttl")
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
  }

  public Table status() {
    return status;
  }

  public Table cache() {
    return cache;
  }
}

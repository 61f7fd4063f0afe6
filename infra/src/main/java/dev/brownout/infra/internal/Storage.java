package dev.brownout.infra.internal;

import dev.brownout.core.contract.StatusTableKeys;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The two tables: status (dependency statuses, check history, the level record and audit, the
 * replay ledger; keys {@code pk}, {@code sk}) and the response cache (key {@code pk}). On-demand,
 * encrypted, point-in-time recovery, TTL on {@code ttl}. {@code Table}, not {@code TableV2}: the
 * global-table resource TableV2 makes is not deployable into moto.
 *
 * <p>The status table's partitions are {@link StatusTableKeys}, as the functions' DynamoDB adapters
 * key them. Grants on it name the actions and the partitions each caller uses ({@code
 * dynamodb:LeadingKeys}); the sort key cannot be scoped, so a grant on {@code STATUS} covers every
 * dependency's status item.
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

  /**
   * Lets {@code grantee} call {@code actions} (item actions such as {@code dynamodb:GetItem}) on
   * the status table's items whose partition key is one of {@code partitions}. Only actions whose
   * requests name their partition keys belong here: Scan names none, and {@code ForAllValues} would
   * then hold vacuously.
   */
  public void grantStatus(IGrantable grantee, List<String> actions, String... partitions) {
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(status.getTableArn()))
                .conditions(
                    Map.of(
                        "ForAllValues:StringEquals",
                        Map.of("dynamodb:LeadingKeys", List.of(partitions))))
                .build());
  }

  /**
   * What the status board reads: every status item in one query, and the level record ({@code
   * DynamoDbStatusBoard}).
   */
  public void grantStatusBoardRead(IGrantable grantee) {
    grantStatus(grantee, List.of("dynamodb:Query"), StatusTableKeys.STATUS);
    grantStatus(grantee, List.of("dynamodb:GetItem"), StatusTableKeys.LEVEL);
  }

  /**
   * What the status page reads besides the board, and the answer tally it shows: the audit, each
   * dependency's checks and the tally's minutes in one query each ({@code DynamoDbStatusHistory},
   * {@code DynamoDbAnswerTally}), and the tally's one {@code UpdateItem} per minute.
   */
  public void grantStatusPage(IGrantable grantee, List<String> dependencies) {
    List<String> partitions =
        new java.util.ArrayList<>(List.of(StatusTableKeys.AUDIT, StatusTableKeys.ANSWERS));
    dependencies.forEach(d -> partitions.add(StatusTableKeys.history(d)));
    grantStatus(grantee, List.of("dynamodb:Query"), partitions.toArray(String[]::new));
    grantStatus(grantee, List.of("dynamodb:UpdateItem"), StatusTableKeys.ANSWERS);
  }

  public Table status() {
    return status;
  }

  public Table cache() {
    return cache;
  }
}

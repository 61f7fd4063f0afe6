/**
 * The names the functions and their deployment must agree on, each defined once and used by both
 * sides: the functions (module {@code functions}) read them, the construct (module {@code infra})
 * and the local cloud (module {@code local}) write them. A rename here renames both sides; infra's
 * {@code FunctionContractTest} feeds every synthesized function's handler and environment to the
 * functions, so a name only one side uses fails the build, not a cold start in AWS.
 *
 * <ul>
 *   <li>{@link dev.brownout.core.contract.FunctionEnvironment}: each function's environment
 *       variables;
 *   <li>{@link dev.brownout.core.contract.Handlers}: each function's handler entry point;
 *   <li>{@link dev.brownout.core.contract.StatusPaths}: the status endpoint's and page's paths;
 *   <li>{@link dev.brownout.core.contract.StatusTableKeys}: the status table's partition keys.
 * </ul>
 */
package dev.brownout.core.contract;

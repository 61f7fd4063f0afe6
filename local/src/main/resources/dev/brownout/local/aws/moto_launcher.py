"""moto's server as Brownout's local cloud needs it: moto 5.2.1 with five gaps closed.

Run with the Python that has moto installed, with moto_server's own arguments:
    python3 moto_launcher.py -H 127.0.0.1 -p 4567
Nothing of moto's installed files is changed: the fixes are applied to the loaded modules only.

1. Only the first execution in an account and region could run: start_execution deep-copies the
   state machine, which reaches the backend with every earlier execution and its thread locks
   (TypeError: cannot pickle '_thread.RLock'). The copy now leaves executions and backend behind,
   as moto 5.2.3 does (getmoto/moto#10077).
2. State machines made by CloudFormation went to the plain backend while the API (with the
   interpreter on) reads the parser's: both now use the parser's.
3. CloudFormation ignored DefinitionSubstitutions: they are applied to the definition.
4. StartExecution without a name named the execution "None": it gets a UUID, as in AWS.
5. SendMessage to a queue with an enabled Lambda event source mapping made moto receive a batch
   itself and invoke the function in Docker; without Docker every such invocation fails, so each
   send bumped the receive count of waiting messages and, past maxReceiveCount, moved them to the
   dead-letter queue unseen. Queues now keep no mappings of their own: the edge's poller delivers.
The interpreter itself (execute_state_machine) is switched on.
"""
import copy
import sys
import uuid

import moto.sqs.models as sqs_models
import moto.stepfunctions.models as sfn_models
import moto.stepfunctions.parser.models as parser_models
from moto.core.config import default_user_config

SUPPORTED_MOTO = "5.2"


class _CopyLeavingHistoryBehind:
    """The copy module, except that a state machine's deep copy shares no executions or backend."""

    def __getattr__(self, name):
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value, memo=None):
        memo = {} if memo is None else memo
        if isinstance(value, sfn_models.StateMachine):
            memo.setdefault(id(value.executions), [])
            memo.setdefault(id(value.backend), value.backend)
        return copy.deepcopy(value, memo)


def _start_named(original):
    def start_execution(self, state_machine_arn, name=None, execution_input=None, trace_header=None):
        return original(self, state_machine_arn, name or str(uuid.uuid4()), execution_input, trace_header)

    return start_execution


def _create_substituted(original):
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json["Properties"]
        definition = properties.get("DefinitionString", "")
        for key, value in (properties.get("DefinitionSubstitutions") or {}).items():
            definition = definition.replace("${" + key + "}", str(value))
        properties["DefinitionString"] = definition
        return original(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    return classmethod(create_from_cloudformation_json)


class _KeepsNoMappings(dict):
    """A queue's event source mappings, as moto's SendMessage reads them: always none."""

    def __setitem__(self, key, value):
        pass


def _init_without_delivery(original):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.lambda_event_source_mappings = _KeepsNoMappings()

    return __init__


def apply():
    import moto

    if not moto.__version__.startswith(SUPPORTED_MOTO):
        print(f"brownout: moto {moto.__version__} is not the {SUPPORTED_MOTO}.x these fixes were made for;"
              " starting it anyway", file=sys.stderr)
    parser_models.copy = _CopyLeavingHistoryBehind()
    sfn_models.stepfunctions_backends = parser_models.stepfunctions_parser_backends
    backend = parser_models.StepFunctionsParserBackend
    backend.start_execution = _start_named(backend.start_execution)
    machine = sfn_models.StateMachine
    machine.create_from_cloudformation_json = _create_substituted(
        machine.create_from_cloudformation_json.__func__)
    default_user_config.setdefault("stepfunctions", {})["execute_state_machine"] = True
    sqs_models.Queue.__init__ = _init_without_delivery(sqs_models.Queue.__init__)


if __name__ == "__main__":
    apply()
    from moto.server import main

    main(sys.argv[1:])

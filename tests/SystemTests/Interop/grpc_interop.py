"""Interop peer for our gRPC services and client, using Debian's python3-grpcio.

  grpc_interop.py call HOST:PORT BODY_ID    Membership.GetBody on our server; prints the outcome as JSON
  grpc_interop.py bodies HOST:PORT          Sortition.ListBodies (public); prints the ids or the status as JSON
  grpc_interop.py designate HOST:PORT [TOKEN]
                                            Sortition.DesignateSubstitute (secretariat only); prints the status as JSON
  grpc_interop.py reflect HOST:PORT         lists the services by server reflection; prints them as JSON
  grpc_interop.py record HOST:PORT DRAW_ID  Sortition.GetDrawRecord (public); prints the commitment or the status as JSON
  grpc_interop.py questions HOST:PORT BODY_ID
                                            Veille.ListQuestions (public); prints the count or the status as JSON
  grpc_interop.py veille-flow HOST:PORT TOKEN BODY_ID
                                            as BODY_ID with TOKEN: Veille.DraftQuestion, ValidateQuestion, SubmitQuestion,
                                            then ListQuestions for the body; prints the question's state and the list as JSON
  grpc_interop.py veille-draft HOST:PORT TOKEN BODY_ID TITLE
                                            Veille.DraftQuestion only; prints the question's id or the status as JSON
  grpc_interop.py raw HOST:PORT METHOD HEX unary|stream [TOKEN]
                                            sends the bytes HEX as the request of METHOD (/package.Service/Method, unary or
                                            server-streaming), with TOKEN if given; prints the status as JSON
  grpc_interop.py serve PORT                serves Membership.GetBody until stdin closes:
                                            "known" -> a body, "slow" -> answers after 5 s, else NOT_FOUND
"""
import json
import os
import sys
import tempfile
import time

import grpc
from grpc_tools import protoc

PROTOS = os.environ["ASSEMBLEE_PROTOS"]
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = tempfile.mkdtemp(prefix="grpc-interop-")
for root, proto in ((PROTOS, "membership.proto"), (PROTOS, "sortition.proto"), (PROTOS, "veille.proto"), (HERE, "reflection.proto")):
    if protoc.main(["protoc", f"-I{root}", f"--python_out={OUT}", f"--grpc_python_out={OUT}", os.path.join(root, proto)]) != 0:
        sys.exit(f"protoc failed on {proto}")
sys.path.insert(0, OUT)
import membership_pb2  # noqa: E402
import membership_pb2_grpc  # noqa: E402
import reflection_pb2  # noqa: E402
import reflection_pb2_grpc  # noqa: E402
import sortition_pb2  # noqa: E402
import sortition_pb2_grpc  # noqa: E402
import veille_pb2  # noqa: E402
import veille_pb2_grpc  # noqa: E402


def status(error):
    trailers = error.trailing_metadata() or ()
    return {"code": error.code().name, "details": error.details(),
            "fieldRules": [value for key, value in trailers if key == "field-rule"]}


def report(target, stub_class, invoke):
    """Calls invoke(stub) on a channel to target; prints its result with code OK, or the gRPC status, as JSON."""
    with grpc.insecure_channel(target) as channel:
        try:
            print(json.dumps({"code": "OK", **invoke(stub_class(channel))}))
        except grpc.RpcError as error:
            print(json.dumps(status(error)))


def call(target, body_id):
    def get(stub):
        body = stub.GetBody(membership_pb2.GetBodyRequest(body_id=body_id), timeout=10)
        return {"id": body.id, "name": body.name}
    report(target, membership_pb2_grpc.MembershipStub, get)


def bodies(target):
    report(target, sortition_pb2_grpc.SortitionStub,
           lambda stub: {"ids": [body.id for body in stub.ListBodies(sortition_pb2.ListBodiesRequest(), timeout=10)]})


def designate(target, token=None):
    metadata = (("authorization", f"Bearer {token}"),) if token else ()

    def send(stub):
        stub.DesignateSubstitute(sortition_pb2.DesignateSubstituteRequest(), timeout=10, metadata=metadata)
        return {}
    report(target, sortition_pb2_grpc.SortitionStub, send)


def record(target, draw_id):
    report(target, sortition_pb2_grpc.SortitionStub,
           lambda stub: {"commitment": stub.GetDrawRecord(sortition_pb2.GetDrawRecordRequest(draw_id=draw_id), timeout=10).commitment})


def questions(target, body_id):
    report(target, veille_pb2_grpc.VeilleStub,
           lambda stub: {"count": sum(1 for _ in stub.ListQuestions(veille_pb2.ListQuestionsRequest(body_id=body_id), timeout=10))})


def draft_request(body_id, title):
    return veille_pb2.DraftQuestionRequest(
        body_id=body_id, kind="written-question", title=title, text="Quand les cours d'école seront-elles ouvertes le samedi ?",
        addressee_kind="deputy", addressee="Adjoint chargé de l'éducation", themes=["écoles"])


def veille_flow(target, token, body_id):
    metadata = (("authorization", f"Bearer {token}"),)

    def flow(stub):
        drafted = stub.DraftQuestion(draft_request(body_id, "Cours oasis le samedi"), timeout=10, metadata=metadata)
        stub.ValidateQuestion(veille_pb2.ValidateQuestionRequest(body_id=body_id, question_id=drafted.id,
                                                                 decision="Bureau du 2 décembre"), timeout=10, metadata=metadata)
        submitted = stub.SubmitQuestion(veille_pb2.SubmitQuestionRequest(body_id=body_id, question_id=drafted.id),
                                        timeout=10, metadata=metadata)
        listed = [q.id for q in stub.ListQuestions(veille_pb2.ListQuestionsRequest(body_id=body_id), timeout=10)]
        return {"id": drafted.id, "drafted": drafted.status, "state": submitted.status, "due": submitted.answer_due,
                "listed": listed}
    report(target, veille_pb2_grpc.VeilleStub, flow)


def veille_draft(target, token, body_id, title):
    metadata = (("authorization", f"Bearer {token}"),)
    report(target, veille_pb2_grpc.VeilleStub,
           lambda stub: {"id": stub.DraftQuestion(draft_request(body_id, title), timeout=10, metadata=metadata).id})


def raw(target, method, hex_bytes, kind, token=None):
    """A request that no stub would send: the bytes as given, not a serialized message."""
    metadata = (("authorization", f"Bearer {token}"),) if token else ()

    def send(channel):
        call = (channel.unary_stream if kind == "stream" else channel.unary_unary)(method)
        answer = call(bytes.fromhex(hex_bytes), timeout=10, metadata=metadata)
        if kind == "stream":
            list(answer)
        return {}
    report(target, lambda channel: channel, send)


def reflect(target):
    with grpc.insecure_channel(target) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        request = reflection_pb2.ServerReflectionRequest(list_services="")
        try:
            for response in stub.ServerReflectionInfo(iter([request]), timeout=10):
                services = [service.name for service in response.list_services_response.service]
                print(json.dumps({"code": "OK", "services": services}))
                return
        except grpc.RpcError as error:
            print(json.dumps(status(error)))


class Membership(membership_pb2_grpc.MembershipServicer):
    def GetBody(self, request, context):
        if request.body_id == "known":
            return membership_pb2.Body(id="known", name="Conseil des générations futures", kind="other")
        if request.body_id == "slow":
            time.sleep(5)
            return membership_pb2.Body(id="slow")
        context.set_trailing_metadata((("reason", "unknown-body"),))
        context.abort(grpc.StatusCode.NOT_FOUND, f"No body '{request.body_id}' — inconnu")


def serve(port):
    from concurrent import futures
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    membership_pb2_grpc.add_MembershipServicer_to_server(Membership(), server)
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    print("ready", flush=True)
    sys.stdin.read()
    server.stop(0)


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "serve":
        serve(int(arguments[0]))
    else:
        {"call": call, "bodies": bodies, "designate": designate, "reflect": reflect, "record": record,
         "questions": questions, "veille-flow": veille_flow, "veille-draft": veille_draft, "raw": raw}[command](*arguments)

"""Interop peer for the gRPC transport, using Debian's python3-grpcio.

  grpc_interop.py call HOST:PORT BODY_ID    call Membership.GetBody on our server; print the outcome as JSON
  grpc_interop.py serve PORT                serve Membership.GetBody until stdin closes:
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
OUT = tempfile.mkdtemp(prefix="grpc-interop-")
if protoc.main(["protoc", f"-I{PROTOS}", f"--python_out={OUT}", f"--grpc_python_out={OUT}", os.path.join(PROTOS, "membership.proto")]) != 0:
    sys.exit("protoc failed")
sys.path.insert(0, OUT)
import membership_pb2  # noqa: E402
import membership_pb2_grpc  # noqa: E402


def call(target, body_id):
    with grpc.insecure_channel(target) as channel:
        stub = membership_pb2_grpc.MembershipStub(channel)
        try:
            body = stub.GetBody(membership_pb2.GetBodyRequest(body_id=body_id), timeout=10)
            print(json.dumps({"code": "OK", "id": body.id, "name": body.name}))
        except grpc.RpcError as error:
            print(json.dumps({"code": error.code().name, "details": error.details()}))


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
    if sys.argv[1] == "call":
        call(sys.argv[2], sys.argv[3])
    else:
        serve(int(sys.argv[2]))

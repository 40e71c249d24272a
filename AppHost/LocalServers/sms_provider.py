"""A stand-in for the city's SMS provider, which is outside the city's walls and cannot run here.

It speaks the provider's real protocol, Twilio's Programmable Messaging REST API (the subset notifications uses):
POST /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP Basic authentication (account SID and auth token) and the
form fields To, From and Body; 201 with the message resource as JSON, or the API's error documents (20003 for a wrong
credential, 21211 for a 'To' that is not an E.164 number, 21602 for an empty body), and the magic numbers of Twilio's test
credentials (+15005550001: 21211 not a valid number; +15005550009: 21614 not a mobile). Each accepted message is kept as
<folder>/<sid>.json, which is what developers read in run mode and tests read to see what was sent.

Usage: python3 sms_provider.py PORT FOLDER   (SMS_ACCOUNT_SID and SMS_AUTH_TOKEN in the environment)
"""
import base64
import json
import os
import re
import secrets
import sys
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

ACCOUNT_SID = os.environ["SMS_ACCOUNT_SID"]
AUTH_TOKEN = os.environ["SMS_AUTH_TOKEN"]
FOLDER = sys.argv[2]
PATH = re.compile(r"^/2010-04-01/Accounts/([^/]+)/Messages\.json$")
E164 = re.compile(r"^\+[1-9]\d{6,14}$")


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        match = PATH.match(self.path)
        if not match:
            return self.reply(404, {"code": 20404, "message": "The requested resource was not found", "status": 404})
        expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
        if self.headers.get("Authorization") != expected or match.group(1) != ACCOUNT_SID:
            return self.reply(401, {"code": 20003, "message": "Authenticate", "status": 401})
        length = int(self.headers.get("Content-Length") or 0)
        form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
        to, sender, body = form.get("To", ""), form.get("From", ""), form.get("Body", "")
        if not E164.match(to) or to == "+15005550001":
            return self.reply(400, {"code": 21211, "message": f"The 'To' number {to} is not a valid phone number.",
                                    "status": 400})
        if to == "+15005550009":
            return self.reply(400, {"code": 21614, "message": f"'To' number {to} is not a mobile number", "status": 400})
        if not body:
            return self.reply(400, {"code": 21602, "message": "Message body is required.", "status": 400})
        sid = "SM" + secrets.token_hex(16)
        message = {"sid": sid, "account_sid": ACCOUNT_SID, "to": to, "from": sender, "body": body, "status": "queued",
                   "num_segments": str(1 + len(body) // 153),
                   "date_created": datetime.now(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")}
        with open(os.path.join(FOLDER, sid + ".json"), "w", encoding="utf-8") as file:
            json.dump(message, file, ensure_ascii=False)
        self.reply(201, message)

    def do_GET(self):
        self.reply(404, {"code": 20404, "message": "The requested resource was not found", "status": 404})

    def reply(self, status, document):
        payload = json.dumps(document, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):
        # Phone numbers and texts are personal data: the requests are not logged.
        pass


if __name__ == "__main__":
    os.makedirs(FOLDER, exist_ok=True)
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()

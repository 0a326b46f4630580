"""A stand-in OpenID Connect provider for the browser tests: discovery, authorize, token and keys, on a
local port. It signs in whoever the test names (`provider.next_login = {...claims}`) without asking, so
Streamlit's real login (`st.login`, Authlib, the identity cookie) runs end to end without Entra ID.
"""
from __future__ import annotations

import contextlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt  # (Authlib's own JOSE library, installed with it)
from joserfc.jwk import RSAKey

CLIENT_ID, CLIENT_SECRET = "indblik-test", "test-client-secret"


class Provider:
    def __init__(self, base: str):
        self.base = base
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test"})
        self.next_login: dict = {}
        self.codes: dict[str, dict] = {}

    def metadata(self) -> dict:
        return {"issuer": self.base, "authorization_endpoint": f"{self.base}/authorize",
                "token_endpoint": f"{self.base}/token", "jwks_uri": f"{self.base}/jwks",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"]}

    def authorize(self, query: dict) -> str:
        code = secrets.token_urlsafe(16)
        self.codes[code] = dict(self.next_login, nonce=query.get("nonce", ""))
        return f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query.get('state', '')})}"

    def token(self, form: dict) -> dict:
        claims = self.codes.pop(form["code"])
        now = int(time.time())
        id_token = jwt.encode({"alg": "RS256", "kid": "test"},
                              dict(claims, iss=self.base, aud=CLIENT_ID, iat=now, exp=now + 600), self.key)
        return {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "expires_in": 600,
                "id_token": id_token}


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def _json(self, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._json(provider.metadata())
            elif url.path == "/jwks":
                self._json({"keys": [provider.key.as_dict(private=False)]})
            elif url.path == "/authorize":
                self.send_response(302)
                self.send_header("Location", provider.authorize(query))
                self.end_headers()
            else:
                self.send_response(404)
                self.end_headers()

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlparse(self.path).path == "/token":
                self._json(provider.token(form))
            else:
                self.send_response(404)
                self.end_headers()
    return Handler


@contextlib.contextmanager
def running_provider():
    """Yield a running Provider (its `base` URL serves the discovery document)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    provider = Provider(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()


def secrets_toml(provider: Provider, port: int) -> str:
    """The `[auth]` section a municipality writes for Entra ID, pointed at this provider."""
    return (f'[auth]\nredirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\n\n'
            f'[auth.microsoft]\nclient_id = "{CLIENT_ID}"\nclient_secret = "{CLIENT_SECRET}"\n'
            f'server_metadata_url = "{provider.base}/.well-known/openid-configuration"\n')

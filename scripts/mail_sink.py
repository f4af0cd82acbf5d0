"""A local mailbox for `make run`: an SMTP server on loopback that keeps each mail as a .eml file.

Only for the local demo: real installations point SMTP_HOST at the organisation's mail server.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import signal
import sys
import threading
from pathlib import Path

from aiosmtpd.controller import Controller


class Mailbox:
    """Store each message under ``folder`` and print who it is for and what it is about."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = len(list(folder.glob("*.eml")))

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook
        """Keep the message; answer 250 so the sender marks it sent."""
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.count += 1
        path = self.folder / f"{self.count:05d}.eml"
        path.write_bytes(envelope.content)
        print(f"mail to {message['To']}: {message['Subject']}  ({path})", flush=True)
        return "250 OK"


def main() -> int:
    """Serve until SIGTERM or Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=1025)
    parser.add_argument("--folder", required=True)
    args = parser.parse_args()
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(Mailbox(folder), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"local mailbox on 127.0.0.1:{args.port}, mails kept in {folder}", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

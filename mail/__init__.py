"""Official e-mail (thư điện tử công vụ): the outgoing queue sent by SMTP, the mailbox fetched by
IMAP into the incoming register, and the invitation's calendar event.

It sits above meetings and the register: it sends what they release and receives into the
register; nothing below it knows that e-mail exists.
"""

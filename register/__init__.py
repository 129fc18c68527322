"""The office's document register (sổ văn bản đi / đến): numbers, outgoing and incoming documents,
their handling and deadlines, and the register book (Decree 30/2020, Chapter III).

It sits between signing and meetings: it numbers, signs and releases documents with what
``signing`` and ``documents`` provide, and meetings number their minutes, invitations and
conclusion notices through it.
"""

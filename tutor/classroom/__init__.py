"""Class mode: a copy of each student's progress on a class MySQL or MariaDB server, and the
instructor's item analysis. The local store stays the first place every record is saved; this
package sends it on (outbox, sync), sets the server up (server_init) and reads it back (report).
No textual: the app and the commands call in from outside.
"""

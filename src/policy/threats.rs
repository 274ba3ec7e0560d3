//! The stolen-key threat table: what an attacker holding the backup key can do to the backups (in progress).

//! Audit mode: checks a pasted IAM policy and runs the threat table on it (in progress).

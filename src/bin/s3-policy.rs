//! `s3-policy`: the policy core on the command line, for scripts and docs builds.

fn main() {}

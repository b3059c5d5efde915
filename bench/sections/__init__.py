"""One module per bench section (`--only NAME`), each with `run(ctx, results)`."""

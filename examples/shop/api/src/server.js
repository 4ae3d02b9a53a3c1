// The shop's API server (not part of the analysis; its package.json is).

// The shop's frontend server.

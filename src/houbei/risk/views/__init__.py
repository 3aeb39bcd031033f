"""The risk area's pages (thin: fetch in scope, validate, call one service, render)."""

"""Leaves shared by every tool: settings, providers, model names, redaction, HTTP facts, pricing, i18n,
files and packaged data. Nothing here imports a tool package."""

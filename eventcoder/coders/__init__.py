"""Coders: the contract and registry (base), the built-in coders (registry), one module each."""

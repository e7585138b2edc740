"""Entities: the people, organisations and places each article names, grouped across articles."""

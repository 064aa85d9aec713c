"""Shared fixtures: DynamoDB Local for the session and a fresh table per test."""

from tests.dynamodb_local import dynamodb_endpoint, dynamodb_store, dynamodb_table

__all__ = ["dynamodb_endpoint", "dynamodb_store", "dynamodb_table"]

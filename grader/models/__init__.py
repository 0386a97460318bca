"""Decision models: what a choice does to cost, service and risk."""

"""Input validation for campaigns/ pages, one module per topic. Forms never save; views
call services."""

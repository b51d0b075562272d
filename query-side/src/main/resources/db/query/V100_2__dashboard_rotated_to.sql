-- A batch of the dashboard projection that creates tokens looks up, in one query, the tokens they replace: those whose
-- rotation named them. Only rotated tokens have rotated_to, so the index stays small.
CREATE INDEX token_dashboard_rotated_to ON token_dashboard (rotated_to) WHERE rotated_to IS NOT NULL;

-- One database per subgraph (DESIGN.md: database per service). Run once by the postgres image on an
-- empty data volume (mounted into /docker-entrypoint-initdb.d by docker-compose.yml). Without Docker,
-- `npm run infra:up` creates the same databases on the local server.
CREATE DATABASE sbor_users;
CREATE DATABASE sbor_events;
CREATE DATABASE sbor_tickets;
CREATE DATABASE sbor_notifications;

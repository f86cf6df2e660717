DROP INDEX "records_expr";

DROP INDEX "records_recent";

DROP INDEX "records_content_idx";

DROP INDEX "records_ordername_idx";

CREATE INDEX "records_ordername_idx" ON "records" ("ordername");

DROP INDEX "records_ordername_idx";

CREATE INDEX "records_ordername_idx" ON "records" ("ordername" text_pattern_ops);

CREATE INDEX "records_content_idx" ON "records" USING gin ("content" jsonb_path_ops);

CREATE INDEX "records_recent" ON "records" ("seen_at" DESC NULLS LAST, "ordername" COLLATE "C" NULLS FIRST);

CREATE INDEX "records_expr" ON "records" ((lower(ordername)) text_pattern_ops);

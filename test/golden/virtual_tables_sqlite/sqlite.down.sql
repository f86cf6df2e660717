CREATE VIRTUAL TABLE "boxes" USING rtree(id, min_x, max_x);

DROP TABLE "docs";

DROP TABLE "notes_search";

CREATE VIRTUAL TABLE "notes_search" USING fts4(body);

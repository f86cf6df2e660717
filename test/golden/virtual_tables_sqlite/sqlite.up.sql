DROP TABLE "notes_search";

CREATE VIRTUAL TABLE "notes_search" USING fts4(body, tokenize=porter);

CREATE VIRTUAL TABLE "docs" USING fts5(title, body);

DROP TABLE "boxes";

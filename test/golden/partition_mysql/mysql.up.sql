CREATE TABLE `ranged` (
  `id` BIGINT NOT NULL,
  `at` DATE NOT NULL,
  PRIMARY KEY (`id`, `at`)
) PARTITION BY range (year(at)) (partition p0 values less than (2000), partition p1 values less than maxvalue);

ALTER TABLE `events` PARTITION BY hash (id) partitions 2;

ALTER TABLE `hashed` PARTITION BY key (id) partitions 2;

ALTER TABLE `listed` REMOVE PARTITIONING;

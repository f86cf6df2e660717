ALTER TABLE `listed` PARTITION BY list (a) (partition x values in (1, 2), partition y default);

ALTER TABLE `hashed` PARTITION BY hash (id) partitions 3;

ALTER TABLE `events` REMOVE PARTITIONING;

DROP TABLE `ranged`;

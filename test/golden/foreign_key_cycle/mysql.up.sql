CREATE TABLE `a` (
  `id` INT NOT NULL,
  `b_id` INT NULL,
  PRIMARY KEY (`id`)
);

CREATE TABLE `b` (
  `id` INT NOT NULL,
  `a_id` INT NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `b_a_id_fkey` FOREIGN KEY (`a_id`) REFERENCES `a` (`id`)
);

ALTER TABLE `a` ADD CONSTRAINT `a_b_id_fkey` FOREIGN KEY (`b_id`) REFERENCES `b` (`id`) ON DELETE SET NULL;

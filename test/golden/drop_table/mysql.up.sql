DROP TABLE `logs`;

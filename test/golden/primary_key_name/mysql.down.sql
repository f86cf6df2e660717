DROP TABLE `order_details`;

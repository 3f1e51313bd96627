CREATE TABLE "deliveries" (
	"channel" text NOT NULL,
	"delivery_id" text NOT NULL,
	"delivered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_channel_delivery_id_pk" PRIMARY KEY("channel","delivery_id")
);

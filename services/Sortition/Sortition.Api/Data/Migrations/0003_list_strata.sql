-- The invitation draw's input, computed while a list is imported: per seat group and stratum, the lines of the
-- eligible people in list order. Only line numbers: it goes with the list rows when the invitations are drawn.
CREATE TABLE list_strata (
    draw_id uuid NOT NULL,
    list_index int NOT NULL,
    seat_group text NOT NULL,
    stratum int NOT NULL,
    lines int[] NOT NULL,
    PRIMARY KEY (draw_id, seat_group, stratum)
);

package warehoused_test

import (
	"context"
	"fmt"

	"github.com/warehoused/warehoused"
)

func Example() {
	ctx := context.Background()
	db, err := warehoused.Open(ctx, "", warehoused.Config{Slices: 2})
	if err != nil {
		panic(err)
	}
	defer db.Close()
	conn, _ := db.Connect(ctx)
	defer conn.Close()
	conn.Exec(ctx, "CREATE TABLE sales (region VARCHAR(10), amount DECIMAL(10,2)) DISTSTYLE EVEN")
	res, _ := conn.Exec(ctx, "INSERT INTO sales VALUES ('east', 10.50), ('west', 4.25), ('east', 1.25)")
	fmt.Println(res.Tag)
	rows, err := conn.Query(ctx, "SELECT region, sum(amount) FROM sales WHERE amount > $1 GROUP BY region ORDER BY region", 1)
	if err != nil {
		panic(err)
	}
	defer rows.Close()
	for rows.Next() {
		var region, total string
		rows.Scan(&region, &total)
		fmt.Println(region, total)
	}
	fmt.Println(rows.Tag())
	// Output:
	// INSERT 0 3
	// east 11.75
	// west 4.25
	// SELECT 2
}

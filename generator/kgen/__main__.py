from kgen.app.cli import main

raise SystemExit(main())

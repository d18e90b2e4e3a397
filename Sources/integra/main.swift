print("integra")

module kgenprobe

go 1.19

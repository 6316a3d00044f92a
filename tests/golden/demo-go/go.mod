module kube

go 1.19

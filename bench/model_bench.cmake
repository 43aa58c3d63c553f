# The learned model's scoring benchmark (docs/model.md, "Scoring and explanations"). Included
# from bench/CMakeLists.txt, after find_package(benchmark):
#   include(model_bench.cmake)
add_executable(model_bench ${CMAKE_CURRENT_LIST_DIR}/model_bench.cpp)
target_link_libraries(model_bench PRIVATE haiquan_risk_model benchmark::benchmark)
# The KCS files are looked for in ../shared/data beside the checkout (HAIQUAN_DATA overrides).
target_compile_definitions(model_bench PRIVATE HAIQUAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
